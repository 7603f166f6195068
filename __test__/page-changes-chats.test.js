'use strict';
// The page-change cases of the login's neighbours, chats and media upload (see page-changes-cases.js).
require('./page-changes-cases').testMissingModules('chats');

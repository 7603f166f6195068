'use strict';
// The page-change cases of messages: replies, previews, downloads, reactions, resends (see page-changes-cases.js).
require('./page-changes-cases').testMissingModules('messages');

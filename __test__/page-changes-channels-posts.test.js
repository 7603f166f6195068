'use strict';
// The page-change cases of a channel's own calls (see page-changes-cases.js).
require('./page-changes-cases').testMissingModules('channels-posts');

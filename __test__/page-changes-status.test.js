'use strict';
// The page-change cases of status updates (see page-changes-cases.js).
require('./page-changes-cases').testMissingModules('status');

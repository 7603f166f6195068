'use strict';
// The page-change cases of group administration, contact cards, message and chat actions (see page-changes-cases.js).
require('./page-changes-cases').testMissingModules('group-admin-actions');

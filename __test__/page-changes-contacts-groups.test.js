'use strict';
// The page-change cases of contacts, numbers, groups, polls and stickers (see page-changes-cases.js).
require('./page-changes-cases').testMissingModules('contacts-groups');

'use strict';
// The page-change cases of calls, presence, the profile and the address book (see page-changes-cases.js).
require('./page-changes-cases').testMissingModules('calls-profile');

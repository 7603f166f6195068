'use strict';
// The page-change cases of the channels (see page-changes-cases.js).
require('./page-changes-cases').testMissingModules('channels');

'use strict';
// The page-change cases of the page's settings and client.interface (see page-changes-cases.js).
require('./page-changes-cases').testMissingModules('settings');

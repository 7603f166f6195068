'use strict';
// The page-change cases of WhatsApp Business (see page-changes-cases.js).
require('./page-changes-cases').testMissingModules('business');

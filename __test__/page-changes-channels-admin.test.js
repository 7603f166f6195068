'use strict';
// The page-change cases of inviting channel admins and handing a channel over (see page-changes-cases.js).
require('./page-changes-cases').testMissingModules('channels-admin');

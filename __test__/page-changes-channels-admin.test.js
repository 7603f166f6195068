'use strict';
// The page-change cases of inviting channel admins, handing a channel over and channel media (see page-changes-cases.js).
require('./page-changes-cases').testMissingModules('channels-admin');

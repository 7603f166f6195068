'use strict';
// The page-change cases of the labels (see page-changes-cases.js).
require('./page-changes-cases').testMissingModules('labels');

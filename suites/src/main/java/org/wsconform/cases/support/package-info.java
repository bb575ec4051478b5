/** What several groups share: building Autobahn-mirroring cases (AutobahnCase) with Autobahn's texts (AutobahnTexts). */
package org.wsconform.cases.support;

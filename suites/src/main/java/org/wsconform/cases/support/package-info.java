/**
 * What several groups share: building the cases that mirror Autobahn's (AutobahnCase) with
 * Autobahn's texts (AutobahnTexts and its autobahn-texts.json).
 */
package org.wsconform.cases.support;

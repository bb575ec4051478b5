/** The close handshake: Autobahn 7.* (CloseHandling) and our C.* (CloseRules). */
package org.wsconform.cases.close;

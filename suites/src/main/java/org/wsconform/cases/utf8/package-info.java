/** UTF-8 handling: Autobahn 6.* (Utf8Handling), its vectors generated from tables. */
package org.wsconform.cases.utf8;

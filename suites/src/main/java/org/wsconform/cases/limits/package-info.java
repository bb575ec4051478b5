/** Message sizes: Autobahn 9.* (Limits) and our L.* declared limits (DeclaredLimits). */
package org.wsconform.cases.limits;

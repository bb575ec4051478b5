/** Fragmented messages: Autobahn 5.* (Fragmentation). */
package org.wsconform.cases.fragmentation;

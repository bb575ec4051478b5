/** Pings and pongs: Autobahn 2.* (PingsPongs). */
package org.wsconform.cases.pingpong;

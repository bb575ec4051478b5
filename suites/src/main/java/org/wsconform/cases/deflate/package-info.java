/**
 * permessage-deflate: Autobahn 12.* and 13.* (Compression), and our X.* in its three parts: the
 * offers (DeflateOffers), how the server's answers are judged (DeflateResponses), and whether the
 * server honours what it agreed (DeflateHonouring).
 */
package org.wsconform.cases.deflate;

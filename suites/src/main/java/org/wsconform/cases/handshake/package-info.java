/**
 * The opening handshake: our H.* (OpeningHandshake, the request) and R.* (UpgradeResponse, the
 * 101).
 */
package org.wsconform.cases.handshake;

package org.wsconform.session;

/**
 * What a session needs from the run's settings.
 *
 * @param timeScale multiplies every timer (--timeout-scale)
 * @param maxMessage the largest message or frame the harness accepts from the peer
 * @param declaredMessageLimit the message-size limit the target's profile declares (octets), or
 *     null when it declares none
 */
public record SessionSettings(double timeScale, long maxMessage, Long declaredMessageLimit) {}

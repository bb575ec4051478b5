/**
 * Framing: Autobahn 1.* (Framing), 3.* (ReservedBits), 4.* (Opcodes), 10.* (AutoFragmentation), and
 * our F.* (FramingRules).
 */
package org.wsconform.cases.framing;

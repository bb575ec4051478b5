/**
 * A WebSocket echo server written to be wrong on purpose, one {@link
 * org.wsconform.targets.faulty.Fault} at a time, to prove that the harness catches each fault in
 * exactly the cases that cover it.
 *
 * <p>It has a codec of its own on purpose ({@code FrameReader}, {@code FrameWriter}, {@code
 * OpeningHandshake}, {@code PermessageDeflate}, {@code Utf8Validator}, {@code CloseStatus}) and
 * must not use the harness's {@code org.wsconform.wire} or {@code org.wsconform.deflate}: a bug
 * shared by the oracle and the server it judges would cancel out and pass unseen. The duplication
 * with the harness's codec is the price of that independence; keep it.
 */
package org.wsconform.targets.faulty;

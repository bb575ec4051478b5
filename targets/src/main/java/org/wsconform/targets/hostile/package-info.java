/**
 * Servers that attack the harness rather than break the protocol politely (endless heads, frames
 * that never end, floods, TLS refusals), to prove that every case ends within its deadline and
 * memory bound. Like {@code targets.faulty}, it writes its octets by hand and shares no code with
 * the harness's codec, so a harness bug cannot hide behind a matching server bug.
 */
package org.wsconform.targets.hostile;

package org.wsconform.wire;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;

/** Bytes this thread has allocated so far (HotSpot's per-thread counter): what a decoder costs. */
final class Allocation {
  private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

  private Allocation() {}

  static long soFar() {
    return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
  }
}

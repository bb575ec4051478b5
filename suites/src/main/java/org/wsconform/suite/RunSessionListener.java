package org.wsconform.suite;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.wsconform.run.RunContext;

/**
 * Finishes the run's reports when the JUnit session ends, so that Maven, Gradle and IDE runs of the
 * suites write the same results folder as the CLI.
 */
public final class RunSessionListener implements LauncherSessionListener {
  @Override
  public void launcherSessionClosed(LauncherSession session) {
    RunContext.closeCurrent();
  }
}

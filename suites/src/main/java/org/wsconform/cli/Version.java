package org.wsconform.cli;

import org.wsconform.reports.RunInfo;
import picocli.CommandLine;

/** The version run.json and the reports record too ({@link RunInfo#defaultVersion()}). */
final class Version implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"wsconform " + RunInfo.defaultVersion(), "Java " + Runtime.version()};
  }
}

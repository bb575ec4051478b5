package org.wsconform.run;

/** The gate's reading of a case, which is what JUnit and the exit code see. */
public enum Outcome { PASSED, FAILED, SKIPPED, ERROR }

package org.logitlab.grader.cli;

import java.io.OutputStream;
import java.io.PrintStream;

/** Runs the grader's command line from tests in other packages, as {@code java -jar} would, its output dropped. */
public final class GraderMainAccess {

  private GraderMainAccess() {}

  /** The exit code of the command line {@code args}. */
  public static int run(String... args) {
    PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
    return GraderMain.run(args, nowhere, nowhere);
  }
}

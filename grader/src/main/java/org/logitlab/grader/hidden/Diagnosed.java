package org.logitlab.grader.hidden;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.logitlab.grader.TestOutcome;

/**
 * A failed check whose feedback names a {@link Cause}. The suites fail with it where they recognize
 * a mistake; {@link Reporter}, on every suite, publishes the cause as the report entry
 * {@value TestOutcome#CAUSE} on its way out, so that it reaches the result without anyone reading
 * the feedback's words.
 */
final class Diagnosed extends AssertionError {

  private static final long serialVersionUID = 1L;

  /** The mistake. */
  private final transient Cause mistake;

  /**
   * @param message the whole feedback, the cause's sentence included
   * @param mistake the mistake it names
   */
  Diagnosed(String message, Cause mistake) {
    super(message);
    this.mistake = mistake;
  }

  /** Publishes a {@link Diagnosed} failure's cause, then lets the failure go on. */
  static final class Reporter implements TestExecutionExceptionHandler {
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
      if (failure instanceof Diagnosed diagnosed) {
        context.publishReportEntry(TestOutcome.CAUSE, diagnosed.mistake.name());
      }
      throw failure;
    }
  }
}

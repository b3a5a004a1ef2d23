package org.logitlab.grader.submission;

import java.io.IOException;

/**
 * A submission that cannot be opened because of what the student handed in (a corrupt or unsafe zip,
 * a file that is neither a folder nor a zip): it scores 0 with this message, unlike a failure of the
 * grading machine, which leaves the grading incomplete.
 */
public final class UnreadableSubmissionException extends IOException {

  private static final long serialVersionUID = 1L;

  /** With the message the student reads. */
  public UnreadableSubmissionException(String message) {
    super(message);
  }

  /** With the message the student reads and its cause. */
  public UnreadableSubmissionException(String message, Throwable cause) {
    super(message, cause);
  }
}

package org.logitlab.grader.submission;

import java.io.IOException;
import org.logitlab.exercise.Language;
import org.logitlab.grader.Texts;

/**
 * A submission that cannot be opened because of what the student handed in (a corrupt or unsafe zip,
 * a file that is neither a folder nor a zip): it scores 0 with this message, unlike a failure of the
 * grading machine, which leaves the grading incomplete. The message is a key of the grader's bundle
 * with its values, so that it can be said in any {@link Language}; {@link #getMessage()} is English.
 */
public final class UnreadableSubmissionException extends IOException {

  private static final long serialVersionUID = 1L;

  private final String key;
  private final Object[] namesAndValues;

  /** With the message {@code key} of the grader's bundle and its placeholders' names and values. */
  public UnreadableSubmissionException(String key, Object... namesAndValues) {
    this(null, key, namesAndValues);
  }

  /** With its cause, the message {@code key} of the grader's bundle and its placeholders' names and values. */
  public UnreadableSubmissionException(Throwable cause, String key, Object... namesAndValues) {
    super(Texts.of(Language.ENGLISH).text(key, namesAndValues), cause);
    this.key = key;
    this.namesAndValues = namesAndValues.clone();
  }

  /** The message the student reads, in {@code language}. */
  public String in(Language language) {
    return Texts.of(language).text(key, namesAndValues);
  }
}

package org.logitlab.grader.hidden;

import org.logitlab.exercise.Language;
import org.logitlab.exercise.Messages;
import org.logitlab.model.TrainingOptions;

/**
 * What the hidden suites say, in the student's {@link Language}: the check names ({@link CheckNames})
 * and every description of an input, cause and hint, from the bundle {@value #BUNDLE} (English) and
 * its translations. A description is one message with named placeholders; a placeholder holds a
 * number, code, an exercise's name or another message of the bundle.
 */
final class Checks {

  /** The bundle of the hidden suites' messages. */
  static final String BUNDLE = "org.logitlab.grader.hidden.checks";

  private Checks() {}

  /** The message {@code key} in the current language, its placeholders filled from name-value pairs. */
  static String text(String key, Object... namesAndValues) {
    return Messages.of(BUNDLE, Language.current()).text(key, namesAndValues);
  }

  /** {@code "<input>: <name>"}: one result of a call, e.g. its {@code dW2}. */
  static String result(String input, String name) {
    return text("result", "input", input, "name", name);
  }

  /** {@code "<input>: its number of rows"}. */
  static String rows(String input) {
    return text("result.rows", "input", input);
  }

  /** {@code "<input>: the length of row 2"}. */
  static String rowLength(String input, int row) {
    return text("result.rowLength", "input", input, "row", row);
  }

  /** {@code "<input>: its length"}. */
  static String length(String input) {
    return text("result.length", "input", input);
  }

  /** {@code "<input>: the length of dw"}. */
  static String lengthOf(String input, String name) {
    return text("result.lengthOf", "input", input, "name", name);
  }

  /** {@code "<input>, entry [2][0]"}. */
  static String entry(String input, String index) {
    return text("result.entry", "input", input, "index", index);
  }

  /** {@code "<input>: x afterwards"}: an argument after the call. */
  static String afterwards(String input, String argument) {
    return text("result.afterwards", "input", input, "name", argument);
  }

  /** {@code "3 epochs"}. */
  static String epochs(int count) {
    return text(count == 1 ? "fit.epochs.one" : "fit.epochs.many", "count", count);
  }

  /** {@code "batch 8"}, or {@code "full batch"} for {@link TrainingOptions#FULL_BATCH}. */
  static String batch(int size) {
    return size == TrainingOptions.FULL_BATCH ? text("fit.fullBatch") : text("fit.batch", "size", size);
  }

  /** {@code "2 epochs, batch 8, lr 0.5, shuffle seed 42"}. */
  static String options(TrainingOptions o) {
    return text("fit.options", "epochs", epochs(o.epochs()), "batch", batch(o.batchSize()), "rate", o.learningRate(),
        "seed", o.seed());
  }
}

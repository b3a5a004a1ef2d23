package org.logitlab.exercise;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The graded exercises: the methods a student writes, in lecture order, each with the lesson that
 * explains it. In the reference library each exercise's code is a marked solution region; in the
 * student skeleton generated from it, that region is {@code throw Exercise.<NAME>.unfinished();}.
 */
public enum Exercise {

  /** A numerically stable sigmoid. */
  SIGMOID(1, "sigmoid", "Sigmoid.apply(double)", "01-classification-and-sigmoid.md",
      "exercise-1-a-stable-sigmoid"),

  /** The gradient of the mean binary cross-entropy with respect to weights and bias. */
  BCE_GRADIENT(2, "BCE derivative", "BinaryCrossEntropy.gradient(double[][], double[], double[])",
      "02-binary-cross-entropy.md", "exercise-2-the-gradient-of-the-bce"),

  /** Softmax with max-subtraction. */
  SOFTMAX(3, "softmax", "Softmax.applyInto(double[], double[])", "04-softmax.md",
      "exercise-3-softmax-with-max-subtraction"),

  /** One-hot encoding by scatter. */
  ONE_HOT(4, "one-hot", "OneHot.encode(int[], int)", "05-one-hot-and-cross-entropy.md",
      "exercise-4-one-hot-by-scatter"),

  /** Backprop through the softmax output layer. */
  OUTPUT_BACKPROP(5, "output-layer backprop", "OutputLayer.backward(ForwardPass, double[][], Gradients)",
      "06-two-layer-network.md", "exercise-5-output-layer-backprop"),

  /** Backprop through the hidden layer. */
  HIDDEN_BACKPROP(6, "hidden-layer backprop",
      "HiddenLayer.backward(double[][], ForwardPass, double[][], Activation, Gradients)", "06-two-layer-network.md",
      "exercise-6-hidden-layer-backprop"),

  /** The mini-batch training loop of the two-layer network. */
  FIT(7, "fit", "TwoLayerNet.fit(double[][], int[], TrainingOptions, TrainingListener)", "07-mnist-end-to-end.md",
      "exercise-7-the-training-loop");

  private final int number;
  private final String title;
  private final String method;
  private final String lesson;
  private final String section;

  Exercise(int number, String title, String method, String lesson, String section) {
    this.number = number;
    this.title = title;
    this.method = method;
    this.lesson = lesson;
    this.section = section;
  }

  /**
   * The exercise's number, from 1, in lecture order.
   *
   * @return 1 to 7
   */
  public int number() {
    return number;
  }

  /**
   * A short title, e.g. "sigmoid".
   *
   * @return the title in English
   */
  public String title() {
    return title;
  }

  /**
   * The source file that holds the exercise, relative to the source root, with '/' separators.
   *
   * @return e.g. {@code org/logitlab/activation/Sigmoid.java}
   */
  public String sourceFile() {
    String type = method.substring(0, method.indexOf('.'));
    String pkg = switch (this) {
      case SIGMOID, SOFTMAX -> "activation";
      case BCE_GRADIENT -> "loss";
      case ONE_HOT -> "softmax";
      default -> "network";
    };
    return "org/logitlab/" + pkg + "/" + type + ".java";
  }

  /**
   * The method the student writes, as {@code Class.method(parameter types)}.
   *
   * @return e.g. {@code Sigmoid.apply(double)}
   */
  public String method() {
    return method;
  }

  /**
   * The lesson file, relative to {@code lessons/}.
   *
   * @return e.g. {@code 01-classification-and-sigmoid.md}
   */
  public String lesson() {
    return lesson;
  }

  /**
   * The anchor of the lesson section that explains the exercise.
   *
   * @return the anchor, without {@code #}
   */
  public String section() {
    return section;
  }

  /**
   * Where to read, in the current {@link Language}: {@code lessons/<file>#<section>} or {@code lessons/ko/…}.
   *
   * @return the path and anchor of the section
   */
  public String reading() {
    return reading(Language.current());
  }

  /**
   * Where to read in {@code language}: both editions of a lesson share its file name and anchors.
   *
   * @param language the edition to point to
   * @return the path and anchor of the section in that edition
   */
  public String reading(Language language) {
    return language.lessons() + lesson + "#" + section;
  }

  /**
   * The public test class of the exercise, e.g. {@code Exercise1SigmoidTest}.
   *
   * @return the simple name of the test class
   */
  public String testClass() {
    StringBuilder name = new StringBuilder("Exercise").append(number);
    for (String word : name().toLowerCase(Locale.ROOT).split("_")) {
      name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
    }
    return name.append("Test").toString();
  }

  /**
   * The other exercises this one's tests run through: the BCE gradient is also tested by training
   * logistic regression, which needs the sigmoid; {@code fit} trains a network whose forward pass
   * uses softmax and whose steps use one-hot labels and both backprop exercises.
   *
   * @return the exercises whose code the tests also run, empty for the first
   */
  public Set<Exercise> prerequisites() {
    return switch (this) {
      case BCE_GRADIENT -> EnumSet.of(SIGMOID);
      case FIT -> EnumSet.of(SOFTMAX, ONE_HOT, OUTPUT_BACKPROP, HIDDEN_BACKPROP);
      default -> EnumSet.noneOf(Exercise.class);
    };
  }

  /**
   * A description for a test's check, as AssertJ's {@code as(...)} takes it: the exercise, the input
   * and where to read, e.g. {@code "Exercise 1 (sigmoid): Sigmoid.apply(1000.0) — read lessons/..."}.
   * AssertJ adds what was expected and what came back.
   *
   * @param input the input of the check, as the student would write it
   * @return the description, in the current language
   */
  public String about(String input) {
    return messages().text("exercise.about", "exercise", this, "input", input, "reading", reading());
  }

  /**
   * {@code "Exercise 1 (sigmoid)"}, or {@code "연습 1 (시그모이드)"} in Korean.
   *
   * @return the exercise's number and title, in the current language
   */
  @Override
  public String toString() {
    return label(Language.current());
  }

  /**
   * The exercise's name in {@code language}, as {@link #toString()} gives it in the current one.
   *
   * @param language the language of the label
   * @return the exercise's number and title
   */
  public String label(Language language) {
    Messages messages = Messages.of(MESSAGES, language);
    return messages.text("exercise.name", "number", number, "title", messages.text("exercise.title." + name()));
  }

  /**
   * The comment that stands in the skeleton where the solution was, in {@code language}: the
   * exercise and where to read, e.g. {@code "Exercise 1 (sigmoid): your code here. Read lessons/..."}.
   *
   * @param language the language of the comment
   * @return the comment's text, without {@code //}
   */
  public String todo(Language language) {
    return Messages.of(MESSAGES, language).text("exercise.todo", "exercise", label(language), "reading",
        reading(language));
  }

  /**
   * The exception an unfinished exercise throws: it names the exercise, its method and its lesson.
   *
   * @return the exception, for the skeleton to throw
   */
  public UnsupportedOperationException unfinished() {
    return new UnsupportedOperationException(messages().text("exercise.unfinished", "exercise", this, "method", method,
        "reading", reading(), "testClass", testClass()));
  }

  /**
   * The messages about exercises in the current {@link Language}.
   *
   * @return the bundle {@link #MESSAGES} in {@link Language#current()}
   */
  public static Messages messages() {
    return Messages.of(MESSAGES, Language.current());
  }

  /** The resource bundle of the messages about exercises. */
  public static final String MESSAGES = "org.logitlab.exercise.messages";
}

package org.logitlab.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.logitlab.activation.Activation;
import org.logitlab.logistic.LogisticRegression;
import org.logitlab.model.Classifier;
import org.logitlab.network.TwoLayerNet;
import org.logitlab.softmax.SoftmaxRegression;

/**
 * Saves a trained model and loads it back, to the bit, in an {@code .npz} file that NumPy reads with
 * {@code numpy.load} (and from there PyTorch). The file holds string arrays {@code format}
 * ({@value #FORMAT}) and {@code model} (the class's simple name), then the model's parameters as
 * float64 arrays, with the shapes and names of the lessons:
 *
 * <table>
 *   <caption>What each model's file holds</caption>
 *   <tr><th>model</th><th>arrays</th></tr>
 *   <tr><td>{@code LogisticRegression}</td><td>{@code w} {@code (n,)}, {@code b} {@code ()}</td></tr>
 *   <tr><td>{@code SoftmaxRegression}</td><td>{@code W} {@code (n, k)}, {@code b} {@code (k,)}</td></tr>
 *   <tr><td>{@code TwoLayerNet}</td><td>{@code W1} {@code (n, h)}, {@code b1} {@code (h,)}, {@code W2}
 *       {@code (h, k)}, {@code b2} {@code (k,)}, and the string {@code activation}
 *       ({@code sigmoid} or {@code tanh})</td></tr>
 * </table>
 *
 * <p>A file that is cut short, corrupt, of another format version, of another model than asked for,
 * or whose arrays do not fit together is refused with a {@link NpyFormatException} that says which
 * array is wrong and how.
 */
public final class ModelFile {

  /** The format this version writes and reads. */
  public static final String FORMAT = "logit-lab/1";

  private static final String FORMAT_KEY = "format";
  private static final String MODEL_KEY = "model";
  private static final Map<String, List<String>> ARRAYS = Map.of(
      "LogisticRegression", List.of("w", "b"),
      "SoftmaxRegression", List.of("W", "b"),
      "TwoLayerNet", List.of("W1", "b1", "W2", "b2", "activation"));

  private ModelFile() {}

  /**
   * Saves a model; the file appears whole or not at all.
   *
   * @param model a {@link LogisticRegression}, {@link SoftmaxRegression} or {@link TwoLayerNet}
   * @param file where to write, usually ending in {@code .npz}; replaced if it exists
   * @throws IllegalArgumentException if the model is of another class
   * @throws IOException if the file cannot be written (an existing file is then left as it was)
   */
  public static void save(Classifier model, Path file) throws IOException {
    Map<String, NpyArray> arrays = new LinkedHashMap<>();
    arrays.put(FORMAT_KEY, NpyArray.of(FORMAT));
    arrays.put(MODEL_KEY, NpyArray.of(model.getClass().getSimpleName()));
    if (model instanceof LogisticRegression m) {
      arrays.put("w", NpyArray.of(m.weights()));
      arrays.put("b", NpyArray.scalar(m.bias()));
    } else if (model instanceof SoftmaxRegression m) {
      arrays.put("W", NpyArray.of(m.weights()));
      arrays.put("b", NpyArray.of(m.biases()));
    } else if (model instanceof TwoLayerNet m) {
      arrays.put("W1", NpyArray.of(m.liveW1()));
      arrays.put("b1", NpyArray.of(m.liveB1()));
      arrays.put("W2", NpyArray.of(m.liveW2()));
      arrays.put("b2", NpyArray.of(m.liveB2()));
      arrays.put("activation", NpyArray.of(m.activation().toString()));
    } else {
      throw new IllegalArgumentException("ModelFile saves " + String.join(", ", ARRAYS.keySet().stream().sorted()
          .toList()) + ", not " + model.getClass().getName());
    }
    Npz.write(file, arrays);
  }

  /**
   * Loads whichever model a file holds.
   *
   * @param file a file written by {@link #save}, or by NumPy in the same layout
   * @return the model, with its parameters exactly as saved
   * @throws NpyFormatException if the file is not a model file this version reads
   * @throws IOException if the file cannot be read
   */
  public static Classifier load(Path file) throws IOException {
    Map<String, NpyArray> arrays = Npz.read(file);
    String format = text(file, arrays, FORMAT_KEY);
    String model = text(file, arrays, MODEL_KEY);
    if (!format.equals(FORMAT)) {
      throw new NpyFormatException(file + ": its format is '" + format + "'; this logit-lab reads '" + FORMAT
          + "'" + (format.startsWith("logit-lab/") ? ": load it with the logit-lab that saved it" : ""));
    }
    List<String> expected = ARRAYS.get(model);
    if (expected == null) {
      throw new NpyFormatException(file + ": model '" + model + "' is not one logit-lab saves; it saves "
          + ARRAYS.keySet().stream().sorted().toList());
    }
    for (String name : arrays.keySet()) {
      if (!name.equals(FORMAT_KEY) && !name.equals(MODEL_KEY) && !expected.contains(name)) {
        throw new NpyFormatException(file + ": holds an array '" + name + "', which a " + model + " file does not "
            + "have (it has " + String.join(", ", expected) + "): is it the file you meant?");
      }
    }
    return switch (model) {
      case "LogisticRegression" -> logistic(file, arrays);
      case "SoftmaxRegression" -> softmax(file, arrays);
      default -> network(file, arrays);
    };
  }

  /**
   * Loads a model of a known class.
   *
   * @param <T> the model's class
   * @param file a file written by {@link #save}, or by NumPy in the same layout
   * @param type the class the file must hold, e.g. {@code TwoLayerNet.class}
   * @return the model, with its parameters exactly as saved
   * @throws NpyFormatException if the file holds another model, or is not a model file this version reads
   * @throws IOException if the file cannot be read
   */
  public static <T extends Classifier> T load(Path file, Class<T> type) throws IOException {
    Classifier model = load(file);
    if (!type.isInstance(model)) {
      throw new NpyFormatException(file + ": holds a " + model.getClass().getSimpleName() + ", not a "
          + type.getSimpleName());
    }
    return type.cast(model);
  }

  private static LogisticRegression logistic(Path file, Map<String, NpyArray> arrays) throws NpyFormatException {
    double[] w = vector(file, arrays, "w", "one weight per feature");
    return LogisticRegression.of(w, scalar(file, arrays, "b"));
  }

  private static SoftmaxRegression softmax(Path file, Map<String, NpyArray> arrays) throws NpyFormatException {
    double[][] w = matrix(file, arrays, "W", "features × classes");
    double[] b = vector(file, arrays, "b", "one bias per class");
    fits(file, "b", b.length, "W", w[0].length, "columns (classes)");
    if (b.length < 2) {
      throw new NpyFormatException(file + ": W and b have " + b.length + " class; softmax regression needs 2 or more");
    }
    return SoftmaxRegression.of(w, b);
  }

  private static TwoLayerNet network(Path file, Map<String, NpyArray> arrays) throws NpyFormatException {
    double[][] w1 = matrix(file, arrays, "W1", "inputs × hidden units");
    double[] b1 = vector(file, arrays, "b1", "one bias per hidden unit");
    double[][] w2 = matrix(file, arrays, "W2", "hidden units × classes");
    double[] b2 = vector(file, arrays, "b2", "one bias per class");
    fits(file, "b1", b1.length, "W1", w1[0].length, "columns (hidden units)");
    fits(file, "W2", w2.length, "W1", w1[0].length, "columns (hidden units): W2 has a row per hidden unit");
    fits(file, "b2", b2.length, "W2", w2[0].length, "columns (classes)");
    if (b2.length < 2) {
      throw new NpyFormatException(file + ": W2 and b2 have " + b2.length + " class; the network needs 2 or more");
    }
    Activation activation;
    try {
      activation = Activation.parse(text(file, arrays, "activation"));
    } catch (IllegalArgumentException e) {
      throw new NpyFormatException(file + ", activation: " + e.getMessage());
    }
    TwoLayerNet net = new TwoLayerNet(w1.length, b1.length, b2.length, activation, 0);
    copy(w1, net.liveW1());
    System.arraycopy(b1, 0, net.liveB1(), 0, b1.length);
    copy(w2, net.liveW2());
    System.arraycopy(b2, 0, net.liveB2(), 0, b2.length);
    return net;
  }

  private static void copy(double[][] from, double[][] to) {
    for (int i = 0; i < from.length; i++) {
      System.arraycopy(from[i], 0, to[i], 0, from[i].length);
    }
  }

  private static void fits(Path file, String name, int length, String other, int otherLength, String what)
      throws NpyFormatException {
    if (length != otherLength) {
      throw new NpyFormatException(file + ": " + name + " has " + length + (name.startsWith("W") ? " rows" : " values")
          + " but " + other + " has " + otherLength + " " + what + ": the arrays are not of one model");
    }
  }

  private static NpyArray array(Path file, Map<String, NpyArray> arrays, String name) throws NpyFormatException {
    NpyArray array = arrays.get(name);
    if (array == null) {
      String model = arrays.containsKey(MODEL_KEY) && arrays.get(MODEL_KEY).isText() ? arrays.get(MODEL_KEY).text() : null;
      throw new NpyFormatException(file + ": has no array '" + name + "'" + (ARRAYS.containsKey(model)
          ? "; a " + model + " file holds format ('" + FORMAT + "'), model ('" + model + "'), "
              + String.join(", ", ARRAYS.get(model))
          : "; a model file holds format ('" + FORMAT + "'), model and the model's parameters (see ModelFile)"));
    }
    return array;
  }

  private static String text(Path file, Map<String, NpyArray> arrays, String name) throws NpyFormatException {
    NpyArray array = array(file, arrays, name);
    if (!array.isText()) {
      throw new NpyFormatException(file + ": '" + name + "' is " + array.describe() + "; it must be a string");
    }
    return array.text();
  }

  private static double scalar(Path file, Map<String, NpyArray> arrays, String name) throws NpyFormatException {
    NpyArray array = array(file, arrays, name);
    if (array.isText() || array.shape().length != 0) {
      throw new NpyFormatException(file + ": '" + name + "' is " + array.describe() + "; it must be one number, "
          + "shape ()");
    }
    return array.scalar();
  }

  private static double[] vector(Path file, Map<String, NpyArray> arrays, String name, String what)
      throws NpyFormatException {
    NpyArray array = array(file, arrays, name);
    if (array.isText() || array.shape().length != 1 || array.shape()[0] == 0) {
      throw new NpyFormatException(file + ": '" + name + "' is " + array.describe() + "; it must be 1-d, " + what);
    }
    return array.vector();
  }

  private static double[][] matrix(Path file, Map<String, NpyArray> arrays, String name, String what)
      throws NpyFormatException {
    NpyArray array = array(file, arrays, name);
    if (array.isText() || array.shape().length != 2 || array.shape()[0] == 0 || array.shape()[1] == 0) {
      throw new NpyFormatException(file + ": '" + name + "' is " + array.describe() + "; it must be 2-d, " + what);
    }
    return array.matrix();
  }
}

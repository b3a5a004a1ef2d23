package org.logitlab.io;

import java.io.IOException;

/**
 * A file that is not what it was read as: not an {@code .npz} or {@code .npy} file, cut short, of a
 * type logit-lab does not read, or not a model of the expected kind. The message starts with the
 * file (and the array, where one is at fault) and says what to do.
 */
public final class NpyFormatException extends IOException {

  private static final long serialVersionUID = 1L;

  NpyFormatException(String message) {
    super(message);
  }

  NpyFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}

package org.logitlab.data;

import java.io.IOException;
import java.nio.file.Path;

/** An IDX file that cannot be read as what it was passed as; the message starts with the file's path. */
public final class IdxFormatException extends IOException {

  private static final long serialVersionUID = 1L;

  IdxFormatException(Path file, String problem) {
    super(file + ": " + problem);
  }

  IdxFormatException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
  }
}

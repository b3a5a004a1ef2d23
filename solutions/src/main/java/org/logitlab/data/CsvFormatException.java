package org.logitlab.data;

import java.io.IOException;

/** A data set CSV that does not follow the layout; the message names the source, line and column. */
public final class CsvFormatException extends IOException {

  private static final long serialVersionUID = 1L;

  CsvFormatException(String message) {
    super(message);
  }
}

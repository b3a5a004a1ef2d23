package org.logitlab.data;

import java.util.Locale;

/**
 * A file to download and what it must be once downloaded.
 *
 * @param name the file name, resolved against each mirror's base URI
 * @param size the exact size in bytes
 * @param md5 the MD5 checksum, 32 hexadecimal digits
 */
public record RemoteFile(String name, long size, String md5) {

  /**
   * Checks the fields and normalises {@code md5} to lower case.
   *
   * @param name the file name
   * @param size the size in bytes, at least 0
   * @param md5 the MD5, 32 hexadecimal digits in either case
   * @throws IllegalArgumentException if a field is out of range
   */
  public RemoteFile {
    if (name.isBlank() || size < 0 || !md5.matches("[0-9a-fA-F]{32}")) {
      throw new IllegalArgumentException("a remote file needs a name, a size >= 0 and an MD5 of 32 hex "
          + "digits, got name '" + name + "', size " + size + ", md5 '" + md5 + "'");
    }
    md5 = md5.toLowerCase(Locale.ROOT);
  }
}

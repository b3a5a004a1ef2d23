/**
 * Models and arrays in files: {@link org.logitlab.io.ModelFile} saves and loads the three models, to the
 * bit, as NumPy {@code .npz} files; {@link org.logitlab.io.Npz} and {@link org.logitlab.io.NpyArray} read
 * and write NumPy's arrays.
 */
package org.logitlab.io;

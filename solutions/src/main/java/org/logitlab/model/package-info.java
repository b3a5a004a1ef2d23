/**
 * What the models share: the {@link org.logitlab.model.Classifier} interface, training options,
 * mini-batches and listeners, and the evaluation metrics and classification report.
 */
package org.logitlab.model;

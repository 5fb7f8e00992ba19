/**
 * Weight-level tampering of a model (method.md §6, attacks 4–8): pruning, int8 and float16 round
 * trips, Gaussian noise, one weight scaled, one bit flipped, and the no-change control.
 *
 * <p>How it fits together: {@link dev.sensiprint.attack.LiveWeights} copies W out of the live
 * tensors into a {@link dev.sensiprint.attack.WeightSet}; an {@link dev.sensiprint.attack.Attack}
 * (parsed from a command-line spec by {@link dev.sensiprint.attack.AttackSpecs}) edits the copies
 * with a seeded generator and returns a {@link dev.sensiprint.attack.TamperReport} measured before
 * against after; the values go back in place and {@code TorchScriptDifferentiableModel.save} has
 * libtorch serialise the module, so the result is a TorchScript file like any other. {@link
 * dev.sensiprint.attack.Tampering} does all of it for a file.
 *
 * <p>Two other kinds go through {@code Tampering} on a loaded model rather than on host copies: the
 * {@link dev.sensiprint.attack.TrainingAttack}s (attacks 1–3 and 9: fine-tuning, trojan, targeted
 * poisoning, model swap), which train the live weights on labelled images and report their effect
 * on accuracy ({@link dev.sensiprint.attack.TrainingEffect}), and {@link
 * dev.sensiprint.attack.ModelReplacement} (attack 10), which writes another file's weights into the
 * model.
 *
 * <p>Why libtorch's serialiser and not a rewrite of the archive's {@code data/N} entries: it writes
 * whatever the module holds (shared storages, views, buffers, code, constants) without a pickle
 * reader on our side, and its output is what any libtorch expects. The tests show that an unchanged
 * model saved this way gives bit-identical outputs and that the saved file holds exactly the
 * tampered weights; a one-off check with PyTorch 1.13 (Debian's python3-torch) loaded the saved
 * files, found the state dicts equal to the originals except for the attacked values, and
 * bit-identical outputs for the unchanged copies.
 */
package dev.sensiprint.attack;

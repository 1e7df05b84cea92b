package dev.fanout.cli;

import dev.fanout.AtomicFile;
import dev.fanout.FanoutException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A file a command writes for the user ({@code --output FILE}): written atomically, and a path that cannot be written is the user's error. */
final class OutputFile {
    private OutputFile() {}

    /**
     * Writes {@code content} to {@code output}.
     *
     * @param option the option that named the file, for the message ("--output")
     * @param what what is written, for the message ("the analysis")
     * @throws FanoutException (bad input) saying why the file cannot be written
     */
    static void write(String option, Path output, String what, AtomicFile.Content content) {
        if (Files.isDirectory(output)) {
            throw FanoutException.badInput(
                    option + " " + output + " is a folder; name a file to write " + what + " to");
        }
        try {
            AtomicFile.write(output, content);
        } catch (IOException e) {
            String why;
            if (e instanceof AccessDeniedException) {
                why = "permission denied";
            } else if (e instanceof FileAlreadyExistsException f) {
                why = f.getFile() + " is a file, not a folder";
            } else if (e instanceof NoSuchFileException) {
                why = "cannot create a file in " + output.toAbsolutePath().getParent();
            } else if (e instanceof FileSystemException f && f.getReason() != null) {
                why = f.getReason();
            } else {
                why = e.getMessage();
            }
            throw FanoutException.badInput("cannot write " + option + " " + output + ": " + why);
        }
    }
}

import Logging

/// Process-wide logging for the `huiyi` executable: plain lines on stderr, where service managers
/// (systemd, containers) collect them.
public enum LoggingBootstrap {
    /// Installs the stderr handler at `level` and returns the server's root logger.
    ///
    /// swift-log allows one bootstrap per process; call this once, early in `main`, before any `Logger` is made.
    public static func bootstrap(level: Logger.Level, label: String = "huiyi") -> Logger {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        return logger(label: label, level: level)
    }

    /// A logger at `level` whatever the process-wide handler's level, for code that cannot rely on the bootstrap
    /// (tests, library users).
    public static func logger(label: String = "huiyi", level: Logger.Level) -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = level
        return logger
    }
}

// The global scope every script sees: the fanout object, console and print (which log), and
// nothing that reaches the host. Evaluated once per engine, before any user script; returns
// the helpers fanout's Java side calls. Values cross as JSON text, so integral numbers stay
// integers, arrays stay arrays, undefined properties are dropped, NaN and Infinity become null.
(function (facade, allowJava, checkName) {
    'use strict';
    var global = Function('return this')();
    var load = global.load;
    var parse = JSON.parse, stringify = JSON.stringify;
    var isArray = Array.isArray, map = Array.prototype.map;
    var define = Object.defineProperty, freeze = Object.freeze;

    function fromHost(text) {
        return text === null || text === undefined ? undefined : parse(text);
    }

    function toHost(value) {
        var text = stringify(value);
        return text === undefined ? null : text;
    }

    // fanout's errors reach scripts as JavaScript Errors, so `catch (e) { e.message }` works
    function host(what, call) {
        try {
            return call();
        } catch (e) {
            if (e instanceof Error) {
                throw e;
            }
            throw new Error('fanout.' + what + ': ' + (e.message ? e.message : String(e)));
        }
    }

    function describe(value) {
        if (typeof value === 'string') {
            return value;
        }
        if (typeof value === 'function') {
            return '[function ' + (value.name || 'anonymous') + ']';
        }
        var text = stringify(value);
        return text === undefined ? String(value) : text;
    }

    function name(api, value) {
        if (typeof value !== 'string' || value === '') {
            throw new TypeError('fanout.' + api + ': the first argument must be a name (a non-empty string)');
        }
        return value;
    }

    function register(api, what, value, fn, description) {
        name(api, value);
        if (typeof fn !== 'function') {
            throw new TypeError('fanout.' + api + ": the second argument must be a function, e.g. fanout." + api
                + "('" + value + "', " + what + ')');
        }
        host(api, function () {
            facade[api](value, fn, description === undefined || description === null ? null : String(description));
        });
    }

    var fanout = {
        tasks: function () {
            return host('tasks', function () { return fromHost(facade.tasks()); });
        },
        graph: function () {
            return host('graph', function () { return fromHost(facade.graph()); });
        },
        load: function (file) {
            name('load', file);
            return host('load', function () {
                // the tasks, as an array; the file's config rides along as the array's (hidden) config
                var loaded = fromHost(facade.load(file));
                if (isArray(loaded)) {
                    return loaded;
                }
                var tasks = loaded.tasks;
                if (loaded.config !== undefined) {
                    Object.defineProperty(tasks, 'config', {value: loaded.config, enumerable: false});
                }
                return tasks;
            });
        },
        addTask: function (task) {
            if (task === null || typeof task !== 'object' || isArray(task)) {
                throw new TypeError('fanout.addTask: give a task object, e.g. {id: "lint", command: "npm run lint"}');
            }
            host('addTask', function () { facade.addTask(toHost(task)); });
        },
        analyze: function (tasks) {
            return host('analyze', function () { return fromHost(facade.analyze(tasks === undefined ? null : toHost(tasks))); });
        },
        run: function (options) {
            return host('run', function () { return fromHost(facade.run(options === undefined ? null : toHost(options))); });
        },
        results: function (runId) {
            return host('results', function () {
                return fromHost(facade.results(runId === undefined || runId === null ? null : String(runId)));
            });
        },
        merge: function (strategy, results) {
            name('merge', strategy);
            return host('merge', function () {
                return fromHost(facade.merge(strategy, results === undefined ? null : toHost(results)));
            });
        },
        registerMerge: function (mergeName, fn, description) {
            register('registerMerge', 'function (outputs) { return {...}; }', mergeName, fn, description);
        },
        registerPipeline: function (pipelineName, fn, description) {
            register('registerPipeline', 'function (options) { ... }', pipelineName, fn, description);
        },
        strategies: function () {
            return host('strategies', function () { return fromHost(facade.strategies()); });
        },
        pipelines: function () {
            return fromHost(facade.pipelines());
        },
        write: function (file, value) {
            name('write', file);
            if (value === undefined) {
                throw new TypeError('fanout.write: nothing to write to ' + file + ' (the value is undefined)');
            }
            var text = typeof value === 'string' ? value : stringify(value, null, 2) + '\n';
            host('write', function () { facade.write(file, text); });
        },
        log: function () {
            facade.log(map.call(arguments, describe).join(' '));
        }
    };
    // fanout.vars: the session's variables ('var NAME VALUE' at the prompt), read when asked
    define(fanout, 'vars', {
        get: function () { return host('vars', function () { return fromHost(facade.vars()); }); },
        enumerable: true
    });
    freeze(fanout);

    function constant(key, value) {
        define(global, key, { value: value, writable: false, enumerable: false, configurable: false });
    }

    constant('fanout', fanout);
    constant(checkName, function () { facade.check(); });
    global.print = fanout.log;
    global.console = freeze({ log: fanout.log, info: fanout.log, warn: fanout.log, error: fanout.log, debug: fanout.log });

    // exit/quit end the JVM; load/loadWithNewGlobal read URLs and bring back a fresh global with
    // Java; __noSuchProperty__ hands out `engine`, whose factory makes an engine without the class filter
    ['exit', 'quit', 'load', 'loadWithNewGlobal', '__noSuchProperty__'].forEach(function (key) {
        delete global[key];
    });

    if (!allowJava) {
        var refuse = function (what) {
            throw new Error('scripts cannot use Java classes (' + what + '); set allow_java: true in the config to allow it');
        };
        // java.lang.Runtime, Packages.java.io.File: refused at the first name that looks like a class
        var packageStub = function (path) {
            return new JSAdapter({
                __get__: function (key) {
                    var full = path + '.' + key;
                    if (/^[A-Z]/.test(key)) {
                        refuse(full);
                    }
                    return packageStub(full);
                },
                __call__: function () { refuse(path); },
                __new__: function () { refuse(path); }
            });
        };
        ['java', 'javax', 'javafx', 'com', 'org', 'net', 'edu'].forEach(function (root) {
            constant(root, packageStub(root));
        });
        constant('Packages', new JSAdapter({
            __get__: function (key) { return /^[A-Z]/.test(key) ? refuse(key) : packageStub(key); },
            __call__: function () { refuse('Packages'); }
        }));
        var javaApi = {};
        ['type', 'typeName', 'extend', 'super', 'from', 'to', 'isType', 'isJavaObject', 'isJavaMethod',
            'isJavaFunction', 'isScriptObject', 'isScriptFunction', 'synchronized', 'asJSONCompatible'].forEach(function (key) {
            javaApi[key] = function (what) { refuse(key === 'type' && typeof what === 'string' ? what : 'Java.' + key); };
        });
        constant('Java', freeze(javaApi));
        constant('JavaImporter', function () { refuse('JavaImporter'); });
    }

    return {
        evaluate: function (file, source) {
            return load({ name: file, script: source });
        },
        // a task script file: its value, or what it assigned to module.exports
        functionOf: function (file, source) {
            var module = { exports: {} };
            global.module = module;
            global.exports = module.exports;
            try {
                var value = load({ name: file, script: source });
                var fn = typeof value === 'function' ? value : module.exports;
                if (typeof fn !== 'function') {
                    throw new TypeError('a task script file must end with a function, e.g. (task) => ({...}), or set module.exports to one');
                }
                return fn;
            } finally {
                delete global.module;
                delete global.exports;
            }
        },
        toJson: toHost,
        call: function (fn, argsText) {
            return toHost(fn.apply(undefined, parse(argsText)));
        }
    };
})

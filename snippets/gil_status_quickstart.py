import sys
import sysconfig

if __name__ == "__main__":
    free_threaded_build = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
    # sys._is_gil_enabled() exists from Python 3.13; before, the GIL is always on
    gil_enabled = getattr(sys, "_is_gil_enabled", lambda: True)()
    print(f"{sys.version}\n{free_threaded_build=} {gil_enabled=}")

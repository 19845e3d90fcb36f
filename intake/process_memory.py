"""How much memory the machine has and how much a (child) process holds, without a dependency.

- `physical_memory()`: the machine's physical memory in bytes (Linux and other POSIX:
  os.sysconf SC_PHYS_PAGES x SC_PAGE_SIZE; Windows: GlobalMemoryStatusEx), None if unknown.
- `resident_bytes(pid)`: the process's resident memory in bytes (Linux: /proc/PID/statm;
  Windows: GetProcessMemoryInfo's WorkingSetSize through OpenProcess with
  PROCESS_QUERY_LIMITED_INFORMATION), None when the process is gone or the platform has no
  such reading (`rss_supported()` says which).
Each reading costs a few microseconds (one small file read or two system calls).
"""
from __future__ import annotations

import ctypes
import os
import sys
from ctypes import wintypes
from functools import lru_cache

PROCESS_QUERY_LIMITED_INFORMATION = 0x1000


class ProcessMemoryCounters(ctypes.Structure):      # DWORD is 32 bits (wintypes says c_ulong: 64 on Linux)
    _fields_ = [("cb", ctypes.c_uint32), ("PageFaultCount", ctypes.c_uint32),
                ("PeakWorkingSetSize", ctypes.c_size_t), ("WorkingSetSize", ctypes.c_size_t),
                ("QuotaPeakPagedPoolUsage", ctypes.c_size_t), ("QuotaPagedPoolUsage", ctypes.c_size_t),
                ("QuotaPeakNonPagedPoolUsage", ctypes.c_size_t), ("QuotaNonPagedPoolUsage", ctypes.c_size_t),
                ("PagefileUsage", ctypes.c_size_t), ("PeakPagefileUsage", ctypes.c_size_t)]


class MemoryStatusEx(ctypes.Structure):
    _fields_ = [("dwLength", ctypes.c_uint32), ("dwMemoryLoad", ctypes.c_uint32),
                ("ullTotalPhys", ctypes.c_ulonglong), ("ullAvailPhys", ctypes.c_ulonglong),
                ("ullTotalPageFile", ctypes.c_ulonglong), ("ullAvailPageFile", ctypes.c_ulonglong),
                ("ullTotalVirtual", ctypes.c_ulonglong), ("ullAvailVirtual", ctypes.c_ulonglong),
                ("ullAvailExtendedVirtual", ctypes.c_ulonglong)]


def _linux() -> bool:
    return sys.platform.startswith("linux")


def _windows() -> bool:
    return sys.platform == "win32"


def rss_supported() -> bool:
    return _linux() or _windows()


@lru_cache(maxsize=1)
def _kernel32():
    """kernel32 with the signatures used here (64-bit handles must not be cut to an int)."""
    k = ctypes.WinDLL("kernel32", use_last_error=True)
    k.OpenProcess.argtypes = [wintypes.DWORD, wintypes.BOOL, wintypes.DWORD]
    k.OpenProcess.restype = wintypes.HANDLE
    k.CloseHandle.argtypes = [wintypes.HANDLE]
    k.K32GetProcessMemoryInfo.argtypes = [wintypes.HANDLE, ctypes.POINTER(ProcessMemoryCounters),
                                          wintypes.DWORD]
    k.K32GetProcessMemoryInfo.restype = wintypes.BOOL
    k.GlobalMemoryStatusEx.argtypes = [ctypes.POINTER(MemoryStatusEx)]
    k.GlobalMemoryStatusEx.restype = wintypes.BOOL
    return k


def physical_memory() -> int | None:
    if _windows():
        status = MemoryStatusEx()
        status.dwLength = ctypes.sizeof(MemoryStatusEx)
        if not _kernel32().GlobalMemoryStatusEx(ctypes.byref(status)):
            return None
        return int(status.ullTotalPhys)
    try:
        return os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):
        return None


_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def resident_bytes(pid: int) -> int | None:
    if _linux():
        try:
            with open(f"/proc/{pid}/statm", "rb") as fh:
                return int(fh.read().split()[1]) * _PAGE
        except (OSError, IndexError, ValueError):
            return None
    if _windows():
        return _windows_working_set(pid)
    return None


def _windows_working_set(pid: int) -> int | None:
    k = _kernel32()
    handle = k.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
    if not handle:
        return None                                 # gone, or not ours to look at
    try:
        counters = ProcessMemoryCounters()
        counters.cb = ctypes.sizeof(ProcessMemoryCounters)
        if not k.K32GetProcessMemoryInfo(handle, ctypes.byref(counters), counters.cb):
            return None
        return int(counters.WorkingSetSize)
    finally:
        k.CloseHandle(handle)

# Sourced by the scripts that run `swift`: OpenStack's python-swiftclient (pulled in by Zaqar packages) installs
# /usr/bin/swift, so make sure `swift` on PATH is the Swift toolchain.
if ! swift --version 2>/dev/null | grep -q "Swift version"; then
    for dir in /opt/swift/usr/bin /usr/share/swift/usr/bin; do
        if [ -x "$dir/swift" ]; then PATH="$dir:$PATH"; break; fi
    done
fi

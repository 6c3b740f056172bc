#!/usr/bin/env python3
"""Loopback RFC 3161 responder for tests: wraps `openssl ts -reply` of the test
PKI, answers OCSP requests POSTed to /ocsp with `openssl ocsp -index` of its
intermediate CA (the database read afresh each time, so a revocation shows at
once), and serves its *.crl files on GET. Binds 127.0.0.1 on a free port, writes the port to PORT_FILE, exits after
LIFETIME seconds. Usage: tsa_server.py PKI_DIR PORT_FILE LIFETIME"""
import http.server
import os
import subprocess
import sys
import tempfile
import threading

pki, port_file, lifetime = sys.argv[1], sys.argv[2], float(sys.argv[3])


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        query = self.rfile.read(min(length, 65536))
        if self.path.startswith("/ocsp"):
            self.answer_ocsp(query)
            return
        with tempfile.TemporaryDirectory() as tmp:
            qpath = os.path.join(tmp, "q.tsq")
            rpath = os.path.join(tmp, "r.tsr")
            with open(qpath, "wb") as f:
                f.write(query)
            done = subprocess.run(
                ["openssl", "ts", "-reply", "-config", "tsa.cnf", "-queryfile", qpath,
                 "-signer", "tsa.leaf.pem", "-inkey", "tsa.key", "-chain", "int.pem",
                 "-out", rpath], cwd=pki, capture_output=True, timeout=20)
            if done.returncode != 0:
                self.send_response(500)
                self.end_headers()
                return
            with open(rpath, "rb") as f:
                body = f.read()
        self.send_response(200)
        self.send_header("Content-Type", "application/timestamp-reply")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def answer_ocsp(self, query):
        with tempfile.TemporaryDirectory() as tmp:
            qpath = os.path.join(tmp, "q.der")
            rpath = os.path.join(tmp, "r.der")
            with open(qpath, "wb") as f:
                f.write(query)
            done = subprocess.run(
                ["openssl", "ocsp", "-index", "int/index.txt", "-CA", "int.leaf.pem",
                 "-rsigner", "int.leaf.pem", "-rkey", "int.key", "-nmin", "60",
                 "-reqin", qpath, "-respout", rpath], cwd=pki, capture_output=True, timeout=20)
            if done.returncode != 0 or not os.path.isfile(rpath):
                self.send_response(500)
                self.end_headers()
                return
            with open(rpath, "rb") as f:
                body = f.read()
        self.send_response(200)
        self.send_header("Content-Type", "application/ocsp-response")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        # CRLs of the test PKI, for certificates naming a distribution point.
        name = os.path.basename(self.path)
        path = os.path.join(pki, name)
        if not name.endswith(".crl") or not os.path.isfile(path):
            self.send_response(404)
            self.end_headers()
            return
        with open(path, "rb") as f:
            body = f.read()
        self.send_response(200)
        self.send_header("Content-Type", "application/pkix-crl")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
threading.Timer(lifetime, server.shutdown).start()
tmp_port = port_file + ".tmp"
with open(tmp_port, "w") as f:
    f.write(str(server.server_address[1]))
os.replace(tmp_port, port_file)
server.serve_forever()

// The small script the public results page shows and serves (/public-jobs/verify.py): anyone
// recomputes a draw from the published candidate list (candidates.txt) and the key string,
// with Python's standard library only. It is RFC 3797 written plainly, independent of ilteo's
// TypeScript, and a test runs it against the API's answer.

export const VERIFY_SCRIPT = `#!/usr/bin/env python3
# 공공일자리 선발 검증 (RFC 3797) / verify a public job draw
# 사용법: python3 verify.py candidates.txt "키 문자열" [lottery|score_then_lottery|score]
# candidates.txt: 공개된 추첨 대상 명단 — 한 줄에 "신청번호,점수" (신청번호 순)
import hashlib
import sys

path, key = sys.argv[1], sys.argv[2].encode("utf-8")
method = sys.argv[3] if len(sys.argv) > 3 else "lottery"
raw = open(path, "rb").read()
print("SHA-256", hashlib.sha256(raw).hexdigest())
cands = [line.split(",") for line in raw.decode("utf-8").splitlines()]

# RFC 3797: draw j hashes uint16be(j) + key + uint16be(j) with MD5, takes the 128-bit number
# modulo the candidates left and removes that one (counting from 0, in list order).
# 추첨 대상이 65,536명을 넘으면 65,536번째 추첨부터 카운터를 4바이트로 씁니다(ilteo 확장):
# from draw 65,536 on the counter is four bytes, uint32be(j) + key + uint32be(j).
pool = list(range(len(cands)))
lottery = []
for j in range(len(pool)):
    if method == "score":
        break
    b = j.to_bytes(2 if j < 65536 else 4, "big")
    v = int.from_bytes(hashlib.md5(b + key + b).digest(), "big")
    lottery.append(pool.pop(v % len(pool)))

if method == "lottery":
    order = lottery
elif method == "score_then_lottery":
    place = {c: i for i, c in enumerate(lottery)}
    order = sorted(lottery, key=lambda c: (-int(cands[c][1]), place[c]))
else:
    order = sorted(range(len(cands)), key=lambda c: (-int(cands[c][1]), c))
print(" ".join(cands[c][0] for c in order))
`;

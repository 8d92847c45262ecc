"""Summarises a JSON export of users: how many are active, and the most common email domains."""
import json
import sys
from collections import Counter


def load_users(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def summarize(users: list[dict]) -> dict:
    domains = Counter(u["email"].split("@", 1)[1] for u in users if "@" in u.get("email", ""))
    return {
        "total": len(users),
        "active": sum(1 for u in users if u.get("active", True)),
        "top_domains": domains.most_common(3),
    }


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: report.py USERS.json")
    print(json.dumps(summarize(load_users(sys.argv[1])), indent=2))

"""Coverage of one wapiti session (its sqlite file): what was crawled, what each module attacked, and every stored
vulnerability/anomaly (the same as its reports hold, read once instead of merging six partial reports)."""
import glob, json, os, sqlite3, sys

port = sys.argv[1]
files = sorted(glob.glob(os.path.expanduser(f"~/.wapiti/scans/127.0.0.1_{port}_domain_*.db")), key=os.path.getmtime)
if not files:
    print(json.dumps({"error": "no wapiti session"}))
    sys.exit(0)
db = sqlite3.connect(files[-1])
crawled = db.execute("select count(*), sum(method = 'POST'), sum(http_status >= 500) from paths where evil = 0").fetchone()
attacked = dict(db.execute("select module_name, count(distinct path_id) from attack_log group by module_name").fetchall())
items = [
    {"type": t, "category": c, "parameter": p, "info": i, "method": m, "path": path, "status": s}
    for t, c, p, i, m, path, s in db.execute(
        "select y.type, y.category, y.parameter, y.info, p.method, p.path, p.http_status from payloads y join paths p on p.path_id = y.evil_path"
    )
]
print(json.dumps({"crawled": crawled[0] or 0, "forms": crawled[1] or 0, "crawled5xx": crawled[2] or 0, "attacked": attacked, "items": items}))

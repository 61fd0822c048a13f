import { describe, expect, it } from 'vitest';
import { fileFromContent } from '../../src/scan/diff.js';
import { PATTERN_RULES, scanPatterns } from '../../src/scan/patterns/scan-patterns.js';

/** Per rule: added lines that must be flagged (ng) and lines that must not (ok), in a file of that language. */
const EXAMPLES: Record<string, { path: string; ng: string[]; ok: string[] }> = {
  'js/code-injection': {
    path: 'src/app.ts',
    ng: ['const result = eval(req.query.expr);', 'const fn = new Function("a", body);', 'vm.runInNewContext(userCode, sandbox);', 'return eval(`(${text})`);'],
    ok: [
      "eval('1 + 1');",
      'const v = page.evaluate(() => document.title);',
      'const fn = new Function("a", "b", "return a + b");',
      'redis.eval(script, 1, key);',
    ],
  },
  'js/command-injection': {
    path: 'src/run.js',
    ng: ['exec(`git log ${branch}`, done);', 'child_process.execSync("rm -rf " + dir);', 'cp.exec("convert " + file + " out.png");'],
    ok: ["exec('git status', done);", 'const m = /x/.exec(`${input}`);', "execSync('npm ci');", 'execFile("git", ["log", branch]);'],
  },
  'js/command-injection-shell-option': {
    path: 'src/run.js',
    ng: ['spawn(`tar -xf ${archive}`, { shell: true });', 'execFile("sh", ["-c", "ls " + dir]);'],
    ok: ['spawn("tar", ["-xf", archive]);', 'spawn("npm", ["test"], { shell: true });'],
  },
  'js/sql-injection': {
    path: 'src/db.ts',
    ng: [
      'db.query(`SELECT * FROM users WHERE id = ${id}`);',
      'const sql = "SELECT name FROM users WHERE email = \'" + email + "\'";',
      'await knex.raw(`select * from orders where id = ${orderId}`);',
      'await prisma.$queryRawUnsafe(query);',
    ],
    ok: [
      "db.query('SELECT * FROM users WHERE id = $1', [id]);",
      'await prisma.$queryRaw`SELECT * FROM users WHERE id = ${id}`;',
      'const label = `Select a file from ${folder}`;',
      'const message = "Update the settings " + name;',
    ],
  },
  'js/xss': {
    path: 'src/view.ts',
    ng: [
      'el.innerHTML = comment.body;',
      'div.innerHTML += `<li>${item.name}</li>`;',
      '<div dangerouslySetInnerHTML={{ __html: post.html }} />',
      'document.write(location.hash);',
      "node.insertAdjacentHTML('beforeend', html);",
    ],
    ok: [
      "el.innerHTML = '';",
      'el.innerHTML = "<b>Loading</b>";',
      'el.innerHTML = DOMPurify.sanitize(html);',
      'if (el.innerHTML === other) return;',
      "node.insertAdjacentHTML('beforeend', '<hr>');",
    ],
  },
  'js/tls-verification-disabled': {
    path: 'src/http.ts',
    ng: ['const agent = new https.Agent({ rejectUnauthorized: false });', "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';"],
    ok: ['const agent = new https.Agent({ rejectUnauthorized: true });', 'const agent = new https.Agent({ ca });'],
  },
  'js/weak-password-hash': {
    path: 'src/auth.ts',
    ng: ["const hash = crypto.createHash('md5').update(password).digest('hex');", 'user.passwordHash = md5(password);'],
    ok: ["const etag = crypto.createHash('md5').update(body).digest('hex');", "const hash = crypto.createHash('sha256').update(password);"],
  },
  'js/unsafe-deserialization': {
    path: 'src/session.js',
    ng: ["const serialize = require('node-serialize');", 'const obj = serialize.unserialize(req.cookies.profile);'],
    ok: ['const obj = JSON.parse(req.cookies.profile);', "import serialize from 'serialize-javascript';"],
  },
  'python/code-injection': {
    path: 'app/calc.py',
    ng: ['result = eval(request.args["expr"])', 'exec(code)'],
    ok: ['result = eval("1 + 1")', 'value = ast.literal_eval(text)', 'cursor.execute(query, params)'],
  },
  'python/command-injection': {
    path: 'app/run.py',
    ng: ['os.system(f"tar -xf {archive}")', 'subprocess.run("ls " + path, shell=True)', 'os.popen("ping -c 1 %s" % host)'],
    ok: ['os.system("make clean")', 'subprocess.run(["ls", path])', 'subprocess.run(f"ls {path}".split())'],
  },
  'python/sql-injection': {
    path: 'app/db.py',
    ng: [
      'cursor.execute(f"SELECT * FROM users WHERE id = {user_id}")',
      'cur.execute("DELETE FROM items WHERE id = %s" % item_id)',
      'query = "SELECT * FROM users WHERE name = \'" + name + "\'"',
    ],
    ok: ['cursor.execute("SELECT * FROM users WHERE id = %s", (user_id,))', 'cursor.execute("SELECT 1")', 'print(f"Select a value from {options}")'],
  },
  'python/tls-verification-disabled': {
    path: 'app/http.py',
    ng: ['r = requests.get(url, verify=False)', 'ctx = ssl._create_unverified_context()', 'ctx.verify_mode = ssl.CERT_NONE'],
    ok: ['r = requests.get(url, verify=True)', 'r = requests.get(url, verify="/etc/ssl/ca.pem")'],
  },
  'python/weak-password-hash': {
    path: 'app/auth.py',
    ng: ['digest = hashlib.md5(password.encode()).hexdigest()', "h = hashlib.new('sha1', pwd.encode())"],
    ok: ['digest = hashlib.md5(data).hexdigest()', 'digest = hashlib.sha256(password.encode()).hexdigest()'],
  },
  'python/unsafe-deserialization': {
    path: 'app/cache.py',
    ng: ['obj = pickle.loads(blob)', 'config = yaml.load(text)', 'data = yaml.unsafe_load(stream)'],
    ok: ['config = yaml.safe_load(text)', 'config = yaml.load(text, Loader=yaml.SafeLoader)', 'data = json.loads(blob)'],
  },
  'go/command-injection': {
    path: 'cmd/run.go',
    ng: ['cmd := exec.Command("sh", "-c", "ls "+dir)', 'out, err := exec.Command("bash", "-c", fmt.Sprintf("tar -xf %s", name)).Output()'],
    ok: ['cmd := exec.Command("ls", dir)', 'cmd := exec.Command("sh", "-c", "make build")'],
  },
  'go/sql-injection': {
    path: 'store/users.go',
    ng: ['rows, err := db.Query(fmt.Sprintf("SELECT * FROM users WHERE id = %s", id))', 'db.Exec("DELETE FROM items WHERE id = " + id)'],
    ok: ['rows, err := db.Query("SELECT * FROM users WHERE id = $1", id)', 'log.Printf("select from %s", table)'],
  },
  'go/tls-verification-disabled': {
    path: 'client/http.go',
    ng: ['tr := &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}'],
    ok: ['cfg := &tls.Config{InsecureSkipVerify: false, MinVersion: tls.VersionTLS12}'],
  },
  'go/weak-password-hash': {
    path: 'auth/hash.go',
    ng: ['sum := md5.Sum([]byte(password))'],
    ok: ['sum := md5.Sum(body)', 'hash, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)'],
  },
  'go/xss': {
    path: 'web/page.go',
    ng: ['data := template.HTML(r.FormValue("bio"))'],
    ok: ['data := template.HTML("<b>static</b>")'],
  },
  'java/code-injection': {
    path: 'src/main/java/Calc.java',
    ng: ['Object v = engine.eval(request.getParameter("expr"));'],
    ok: ['Object v = engine.eval("1 + 1");'],
  },
  'java/command-injection': {
    path: 'src/main/java/Run.java',
    ng: ['Runtime.getRuntime().exec("ping " + host);', 'new ProcessBuilder("sh", "-c", "ls " + dir).start();'],
    ok: ['Runtime.getRuntime().exec(new String[] {"ls", dir});', 'Matcher m = pattern.exec(input);'],
  },
  'java/sql-injection': {
    path: 'src/main/java/UserDao.java',
    ng: [
      'ResultSet rs = stmt.executeQuery("SELECT * FROM users WHERE name = \'" + name + "\'");',
      'String q = String.format("DELETE FROM items WHERE id = %s", id);',
    ],
    ok: ['PreparedStatement ps = conn.prepareStatement("SELECT * FROM users WHERE name = ?");', 'log.info("Select a user from " + source);'],
  },
  'java/xss': {
    path: 'src/main/java/Hello.java',
    ng: ['response.getWriter().println("Hello " + request.getParameter("name"));'],
    ok: ['response.getWriter().println("Hello");'],
  },
  'java/tls-verification-disabled': {
    path: 'src/main/java/Http.java',
    ng: ['conn.setHostnameVerifier((hostname, session) -> true);', 'builder.setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE);'],
    ok: ['conn.setHostnameVerifier(HttpsURLConnection.getDefaultHostnameVerifier());'],
  },
  'java/weak-password-hash': {
    path: 'src/main/java/Auth.java',
    ng: ['byte[] h = MessageDigest.getInstance("MD5").digest(password.getBytes());'],
    ok: ['byte[] h = MessageDigest.getInstance("MD5").digest(fileBytes);', 'byte[] h = MessageDigest.getInstance("SHA-256").digest(password.getBytes());'],
  },
  'java/unsafe-deserialization': {
    path: 'src/main/java/Load.java',
    ng: ['ObjectInputStream in = new ObjectInputStream(request.getInputStream());', 'Object o = xstream.fromXML(body);'],
    ok: ['Order o = mapper.readValue(body, Order.class);'],
  },
};

function findings(path: string, line: string) {
  return scanPatterns([fileFromContent(path, `${line}\n`)]);
}

describe('dangerous-pattern rules: positive and negative examples', () => {
  it('every code rule has at least one positive and one negative example', () => {
    for (const rule of PATTERN_RULES) {
      if (rule.id.startsWith('workflow/')) continue; // workflow-rules.test.ts
      expect(EXAMPLES[rule.id]?.ng.length ?? 0, rule.id).toBeGreaterThan(0);
      expect(EXAMPLES[rule.id]?.ok.length ?? 0, rule.id).toBeGreaterThan(0);
    }
  });

  for (const [ruleId, { path, ng, ok }] of Object.entries(EXAMPLES)) {
    it(`${ruleId}: flags the positive examples`, () => {
      for (const line of ng)
        expect(
          findings(path, line).map((finding) => finding.ruleId),
          line,
        ).toContain(ruleId);
    });
    it(`${ruleId}: passes the negative examples`, () => {
      for (const line of ok)
        expect(
          findings(path, line).map((finding) => finding.ruleId),
          line,
        ).not.toContain(ruleId);
    });
  }
});

describe('pattern scanner scope', () => {
  it('skips comments, test files and vendored code', () => {
    expect(findings('src/app.ts', '// eval(userInput) would be wrong here')).toEqual([]);
    expect(findings('app/x.py', '# os.system(f"rm {path}")')).toEqual([]);
    expect(findings('src/app.test.ts', 'eval(input);')).toEqual([]);
    expect(findings('test/helpers.py', 'pickle.loads(blob)')).toEqual([]);
    expect(findings('vendor/lib/x.go', 'c := &tls.Config{InsecureSkipVerify: true}')).toEqual([]);
  });

  it('ignores files in languages it has no rules for', () => {
    expect(findings('README.md', 'eval(userInput)')).toEqual([]);
  });

  it('reports the line, the file and a snippet', () => {
    const result = scanPatterns([fileFromContent('src/a.ts', 'const x = 1;\nel.innerHTML = html;\n')]);
    expect(result).toEqual([expect.objectContaining({ ruleId: 'js/xss', path: 'src/a.ts', line: 2, snippet: 'el.innerHTML = html;', severity: 'high' })]);
  });
});

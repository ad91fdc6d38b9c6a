# A shell pipeline built from two Popen objects: printf | sort, as the subprocess docs show.
import subprocess

p1 = subprocess.Popen(["printf", "pear\\napple\\nfig\\n"], stdout=subprocess.PIPE)
p2 = subprocess.Popen(["sort"], stdin=p1.stdout, stdout=subprocess.PIPE, text=True)
p1.stdout.close()
output, _ = p2.communicate()
print("sorted:", output.split())
print("return codes:", p1.wait(), p2.returncode)
